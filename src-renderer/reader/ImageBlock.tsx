// A figure. Its block text is the caption (or, without a caption, the alt text), shown as the
// figcaption's text so it can be highlighted like any other; the image itself holds no text. The image
// is one of the document's stored assets, served by the host: nothing remote is ever fetched.
import { useState, type ReactNode } from 'react';
import type { Block } from '../../src-main/ipc/contract';
import { useClient } from '../clientContext';

interface Props {
  block: Block;
  content: ReactNode;
  attributes: Record<string, unknown>;
  documentId: string | undefined;
  className?: string;
}

export function ImageBlock({ block, content, attributes, documentId, className }: Props) {
  const client = useClient();
  const [missing, setMissing] = useState(false);
  const classes = (...names: (string | undefined | false)[]) => names.filter(Boolean).join(' ') || undefined;

  if (!block.src || !documentId) {
    // The label's brackets come from CSS, so the text stays exactly the block's.
    return (
      <figure {...attributes} className={classes('image-placeholder', className)}>
        <span className="image-alt">{content}</span>
      </figure>
    );
  }
  // With a caption, the alt text describes the image; without one the block text is the alt text, shown
  // once to the eye (as the caption) and once to a screen reader (as the alt).
  const captioned = block.alt !== undefined;
  return (
    <figure {...attributes} className={classes('figure', missing && 'image-missing', className)}>
      {/* An asset that cannot be served leaves the figure a placeholder; the caption's text nodes stay put. */}
      {!missing && (
        <img src={client.assetUrl(documentId, block.src)} alt={captioned ? block.alt : block.text} loading="lazy" onError={() => setMissing(true)} />
      )}
      <figcaption className={captioned ? undefined : 'image-alt-caption'} aria-hidden={captioned || missing ? undefined : true}>
        {content}
      </figcaption>
    </figure>
  );
}
