export { parsePlainText, type PlainText } from './plain-text';
