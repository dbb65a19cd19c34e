/**
 * The room link as a QR code drawn on a canvas (the qrcode package, bundled).
 */
import { toCanvas } from 'qrcode';

export async function drawQr(canvas: HTMLCanvasElement, text: string): Promise<void> {
  await toCanvas(canvas, text, { errorCorrectionLevel: 'M', margin: 2, width: 176, color: { dark: '#111111', light: '#ffffff' } });
}
