/** The part of svg-to-pdfkit 0.1.8 that the diagram exports use (the package ships no types). */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Maps an SVG font to a font registered with the PDFKit document. */
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: unknown) => string;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
