/**
 * The one function of the `qrcode` package the buyer page uses, from its pure encoder
 * (`lib/core/qrcode.js`). Declared here rather than installing `@types/qrcode`: those types reference
 * Node's (`/// <reference types="node" />`), which would put Node globals such as `Buffer` into the
 * browser's typecheck (ADR 0010 keeps them apart). Importing the encoder alone also leaves the package's
 * canvas and string renderers out of the bundle.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  /** A QR symbol: `size`×`size` modules, `get(row, col)` 1 for dark. */
  export interface QRSymbol {
    readonly modules: { readonly size: number; get(row: number, col: number): number };
    readonly version: number;
  }
  /** Encodes `text` (UTF-8 bytes, or a denser mode when the text allows it); throws when it does not fit. */
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QRSymbol;
}
