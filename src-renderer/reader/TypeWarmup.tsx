// The reader's type, set once out of sight while the library waits for a click. The first time a page
// lays out text in a given font, size and weight, the browser resolves the font stack family by family,
// and where a family is not installed (most of a stack, on any one system) that is a round trip to the
// browser process on Linux and Windows: the reader's dozen of them took 10–15 ms of the click that opens
// a document. Laid out here in idle time, the fonts are resolved already when the reader opens.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Once per page: the browser keeps what it resolved. */
let warmed = false;

export function TypeWarmup() {
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (warmed) return;
    const idle = window.requestIdleCallback(() => setShown(true), { timeout: 2000 });
    return () => window.cancelIdleCallback(idle);
  }, []);
  useLayoutEffect(() => {
    if (!shown || !ref.current) return;
    void ref.current.offsetHeight; // laid out now, fonts and all
    warmed = true;
    setShown(false);
  }, [shown]);
  if (!shown || warmed) return null;
  // The reader's elements that carry text in their own font, size or weight (ReaderView, DocumentHeader,
  // DocumentBody, HighlightPanel), nested as there so the same rules apply; no landmarks, no focus.
  return (
    <div ref={ref} className="type-warmup" aria-hidden="true">
      <div className="reader">
        <div className="reader-main">
          <div className="reading-column">
            <div className="reader-nav">
              <button type="button" tabIndex={-1} className="button button-quiet">
                Aa
              </button>
              <span className="reading-progress">
                <span className="reading-progress-text">Aa</span>
              </span>
            </div>
            <div className="document">
              <div className="document-header">
                <div className="title-row">
                  <h1 className="document-title">Aa</h1>
                  <button type="button" tabIndex={-1} className="button button-small button-quiet">
                    Aa
                  </button>
                </div>
                <p className="document-meta muted">Aa</p>
              </div>
              <div className="document-frame">
                <div className="document-body">
                  <p className="title-echo">Aa</p>
                  <h2>Aa</h2>
                  <h3>Aa</h3>
                  <h4>Aa</h4>
                  <p>
                    Aa <em>Aa</em> <strong>Aa</strong> <code>Aa</code>
                  </p>
                  <blockquote>
                    <p>Aa</p>
                  </blockquote>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="highlight-panel">
          <h2 className="panel-title">Aa</h2>
          <p className="muted small">Aa</p>
        </div>
      </div>
    </div>
  );
}
