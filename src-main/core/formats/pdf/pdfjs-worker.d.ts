// pdf.js ships no types for its worker module; Gloss only imports it for its side effect (see extract.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
