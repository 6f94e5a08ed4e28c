// The desktop host's security decisions, with hostile inputs: requests, navigation, window.open,
// which IPC senders may call the handlers, and which permission the page is granted.
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src-main/core/links';
import {
  decideNavigation,
  decideWindowOpen,
  isAllowedRequest,
  isAppPageUrl,
  isPermissionGranted,
  isTrustedSender,
  progressBarValue,
} from '../../src-main/electron/policy';

const DEV = 'http://localhost:5173';
const APP = 'app://gloss/';

const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'blob:app://gloss/2b1c-uuid',
  'vbscript:msgbox(1)',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'ftp://example.org/file',
  'smb://server/share',
  'ms-settings:privacy',
  'app://evil/index.html',
  'app://gloss.evil.example/',
  'app://gloss:1234/',
  'app://user@gloss/',
  'app:///index.html',
  'not a url',
  '',
];

describe('isAllowedRequest', () => {
  it('allows the app itself, devtools, data: and blob:', () => {
    for (const url of [
      'app://gloss/',
      'app://gloss/index.html',
      'app://gloss/assets/index-abc.js?v=1',
      'app://GLOSS/assets/x.css',
      'devtools://devtools/bundled/inspector.html',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:app://gloss/2b1c-uuid',
    ]) {
      expect(isAllowedRequest(url, undefined), url).toBe(true);
    }
  });

  it('refuses file: (the app is no longer a file) and every network request in a built app', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///work/out/renderer/index.html',
      'https://example.org/',
      'http://127.0.0.1:4000/api',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.org/socket',
      'ftp://example.org/',
      'app://evil/',
      'app://gloss:1/',
      'app://u:p@gloss/',
      'app:///etc/passwd',
      'chrome://gpu',
      'not a url',
      '',
    ]) {
      expect(isAllowedRequest(url, undefined), url).toBe(false);
    }
  });

  it('in dev allows the dev server over http and its hot-reload websocket only', () => {
    expect(isAllowedRequest('http://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/@vite/client', DEV)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequest('https://localhost:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('wss://localhost:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('http://localhost.evil.example:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('http://user:pw@localhost:5173/', DEV)).toBe(false);
    expect(isAllowedRequest('https://example.org/', DEV)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', DEV)).toBe(false);
    expect(isAllowedRequest('wss://localhost:5173/', 'https://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'https://localhost:5173')).toBe(false);
  });

  it('a dev origin that is not http(s) opens nothing', () => {
    expect(isAllowedRequest('file:///x/index.html', 'file:///x')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', 'not a url')).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('allows only the app reloading itself (the #route may differ)', () => {
    expect(decideNavigation(APP, APP)).toBe('allow');
    expect(decideNavigation('app://gloss/#/doc/abc', 'app://gloss/#/doc/abc')).toBe('allow');
    expect(decideNavigation('app://gloss/#/doc/abc', 'app://gloss/')).toBe('allow');
    expect(decideNavigation('app://gloss/index.html?x=1', 'app://gloss/index.html?x=1')).toBe('allow');
  });

  it('denies other pages of the app, and the app from nowhere', () => {
    expect(decideNavigation(APP, 'app://gloss/assets/index-abc.js')).toBe('deny');
    expect(decideNavigation(APP, 'app://gloss/index.html')).toBe('deny');
    expect(decideNavigation(APP, 'app://gloss/?token=x')).toBe('deny');
    expect(decideNavigation('', APP)).toBe('deny');
    expect(decideNavigation('about:blank', APP)).toBe('deny');
  });

  it('hands http(s) and mailto links to the confirm-then-open path', () => {
    expect(decideNavigation(APP, 'https://example.org/page')).toBe('external');
    expect(decideNavigation(APP, 'http://example.org/')).toBe('external');
    expect(decideNavigation(APP, 'mailto:someone@example.org')).toBe('external');
    expect(decideNavigation(APP, 'HTTPS://EXAMPLE.ORG/')).toBe('external');
  });

  it('agrees with the shared external-URL rule', () => {
    for (const url of ['https://a.example/', 'mailto:x@y.z', 'ftp://a.example/', 'file:///x', 'javascript:void 0', 'tel:123']) {
      expect(decideNavigation(APP, url) === 'external', url).toBe(isAllowedExternalUrl(url));
    }
  });

  it('denies every hostile target', () => {
    for (const url of HOSTILE) {
      expect(decideNavigation(APP, url), url).toBe('deny');
    }
  });

  it('a hostile page cannot make its own reload "allowed"', () => {
    expect(decideNavigation('file:///etc/passwd', 'file:///etc/passwd')).toBe('deny');
    expect(decideNavigation('data:text/html,x', 'data:text/html,x')).toBe('deny');
    expect(decideNavigation('app://evil/', 'app://evil/')).toBe('deny');
    expect(decideNavigation('https://example.org/', 'https://example.org/')).toBe('external');
    expect(decideNavigation('http://localhost:5173/', 'http://localhost:5173/')).toBe('external'); // not dev: just a web page
  });

  it('in dev the dev page may reload; other dev-server pages are denied, not sent to the browser', () => {
    expect(decideNavigation('http://localhost:5173/', 'http://localhost:5173/', DEV)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/#/doc/1', 'http://localhost:5173/', DEV)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/', 'http://localhost:5173/other', DEV)).toBe('deny');
    expect(decideNavigation('http://localhost:5173/', APP, DEV)).toBe('deny');
    expect(decideNavigation('http://localhost:5173/', 'https://example.org/', DEV)).toBe('external');
    expect(decideNavigation('http://localhost:5173/', 'javascript:alert(1)', DEV)).toBe('deny');
    expect(decideNavigation('http://localhost:5173/', 'file:///etc/passwd', DEV)).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('never opens a Gloss window; links go outside after the host asks', () => {
    expect(decideWindowOpen('https://example.org/')).toBe('external');
    expect(decideWindowOpen('mailto:a@b.c')).toBe('external');
    expect(decideWindowOpen(APP)).toBe('deny');
    expect(decideWindowOpen('http://localhost:5173/', DEV)).toBe('deny');
    for (const url of HOSTILE) expect(decideWindowOpen(url), url).toBe('deny');
  });
});

describe('isTrustedSender', () => {
  const trusted = { senderIsMainWindow: true, frameIsTopFrame: true, frameUrl: 'app://gloss/#/doc/1' };

  it('trusts the app page in the main window top frame', () => {
    expect(isTrustedSender(trusted, undefined)).toBe(true);
    expect(isTrustedSender({ ...trusted, frameUrl: 'app://gloss/' }, undefined)).toBe(true);
  });

  it('refuses subframes, other windows and other pages', () => {
    expect(isTrustedSender({ ...trusted, frameIsTopFrame: false }, undefined)).toBe(false);
    expect(isTrustedSender({ ...trusted, senderIsMainWindow: false }, undefined)).toBe(false);
    for (const frameUrl of [...HOSTILE, 'https://example.org/', 'file:///work/out/renderer/index.html', 'http://localhost:5173/']) {
      expect(isTrustedSender({ ...trusted, frameUrl }, undefined), frameUrl).toBe(false);
    }
  });

  it('in dev trusts the dev origin only', () => {
    expect(isTrustedSender({ ...trusted, frameUrl: 'http://localhost:5173/' }, DEV)).toBe(true);
    expect(isTrustedSender({ ...trusted, frameUrl: 'http://localhost:5173/#/doc/1' }, DEV)).toBe(true);
    expect(isTrustedSender({ ...trusted, frameUrl: 'app://gloss/' }, DEV)).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: 'http://localhost:5174/' }, DEV)).toBe(false);
    expect(isTrustedSender({ ...trusted, frameUrl: 'http://localhost:5173/', frameIsTopFrame: false }, DEV)).toBe(false);
  });

  it('refuses truthy non-booleans', () => {
    const sloppy = { senderIsMainWindow: 1, frameIsTopFrame: 'yes', frameUrl: APP } as unknown as Parameters<typeof isTrustedSender>[0];
    expect(isTrustedSender(sloppy, undefined)).toBe(false);
  });
});

describe('isAppPageUrl', () => {
  it('is app://gloss in a built app and the dev origin in dev', () => {
    expect(isAppPageUrl(APP)).toBe(true);
    expect(isAppPageUrl('app://gloss/index.html')).toBe(true);
    expect(isAppPageUrl('app://glossy/')).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/')).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppPageUrl(APP, DEV)).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  const fonts = { permission: 'local-fonts', requestingUrl: 'app://gloss/#/doc/1', isMainFrame: true };

  it("grants the installed fonts' names to the app's own page (Reading settings' font list)", () => {
    expect(isPermissionGranted(fonts, undefined)).toBe(true);
    expect(isPermissionGranted({ ...fonts, requestingUrl: APP }, undefined)).toBe(true);
    // a permission check may only know the origin
    expect(isPermissionGranted({ ...fonts, requestingUrl: 'app://gloss' }, undefined)).toBe(true);
  });

  it('refuses the fonts to a frame inside the page, to any other page, and to the built app in dev', () => {
    expect(isPermissionGranted({ ...fonts, isMainFrame: false }, undefined)).toBe(false);
    for (const requestingUrl of [...HOSTILE, 'https://example.org/', 'file:///work/out/renderer/index.html', 'http://localhost:5173/']) {
      expect(isPermissionGranted({ ...fonts, requestingUrl }, undefined), requestingUrl).toBe(false);
    }
    expect(isPermissionGranted({ ...fonts, requestingUrl: 'http://localhost:5173/' }, DEV)).toBe(true);
    expect(isPermissionGranted({ ...fonts, requestingUrl: 'http://localhost:5174/' }, DEV)).toBe(false);
    expect(isPermissionGranted(fonts, DEV)).toBe(false);
  });

  it('refuses every other permission, even to the app itself', () => {
    for (const permission of [
      'media',
      'display-capture',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fileSystem',
      'openExternal',
      'window-management',
      'hid',
      'usb',
      'serial',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'unknown',
      'LOCAL-FONTS',
      'local-fonts ',
      '',
    ]) {
      expect(isPermissionGranted({ ...fonts, permission }, undefined), permission).toBe(false);
    }
  });

  it('refuses truthy non-booleans for the main frame', () => {
    const sloppy = { ...fonts, isMainFrame: 1 } as unknown as Parameters<typeof isPermissionGranted>[0];
    expect(isPermissionGranted(sloppy, undefined)).toBe(false);
  });
});

describe('progressBarValue', () => {
  const progress = (filesDone: number, filesTotal: number) =>
    ({ name: 'job:progress', payload: { jobId: 'j', kind: 'import', filesDone, filesTotal, bytesDone: 0, bytesTotal: 0 } }) as const;

  it('shows the share of files done, busy while the total is unknown, and nothing once finished', () => {
    expect(progressBarValue(progress(0, 400))).toBe(0);
    expect(progressBarValue(progress(100, 400))).toBe(0.25);
    expect(progressBarValue(progress(0, 0))).toBeGreaterThan(1);
    expect(progressBarValue({ name: 'job:finished', payload: { jobId: 'j', kind: 'export', outcome: 'done', message: 'Exported.' } })).toBe(-1);
  });
});
