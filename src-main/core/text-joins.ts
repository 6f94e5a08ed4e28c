// How the reading model's canonical text is put together from its blocks. A leaf module without zod,
// so the parser threads load none of the model's schemas (model.ts re-exports these).

/** Between two blocks in a document's text. */
export const BLOCK_SEPARATOR = '\n\n';
/** In a table block's text: between the cells of a row, and between rows. */
export const TABLE_CELL = '\t';
export const TABLE_ROW = '\n';
