export { printDocument, type PrintInput, type FormatOptions, type FormatResult } from "./format-document";
export { formatText, sameDocument } from "./format-text";
export { sameTerm } from "./same-term";
