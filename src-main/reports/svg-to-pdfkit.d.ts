// svg-to-pdfkit ships no types: the one call the reports make, typed as they make it.
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    /** The viewport in PDF points; the SVG is scaled into it. */
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    assumePt?: boolean;
    /** Maps an SVG font-family to a font registered in the document. */
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: { fauxBold?: boolean; fauxItalic?: boolean }) => string;
    warningCallback?: (message: string) => void;
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
}
