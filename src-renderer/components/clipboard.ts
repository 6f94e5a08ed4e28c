// Text onto the clipboard, and text saved as a file, the ways a page can: both hosts run the UI in a
// page (Electron's window asks where to save a download, a browser saves it as it saves any).

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // No clipboard permission (or not a secure context): the old way, through a hidden field.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  const back = document.activeElement;
  document.body.append(field);
  field.select();
  const ok = document.execCommand('copy');
  field.remove();
  if (back instanceof HTMLElement) back.focus();
  if (!ok) throw new Error('The browser did not allow copying to the clipboard.');
}

/** Offers `text` as a file download named `fileName`. */
export function downloadText(text: string, fileName: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // After the download has taken the data (revoking at once can cancel it in some browsers).
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
