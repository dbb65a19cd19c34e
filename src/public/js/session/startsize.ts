/**
 * The size our video starts at. WebRTC starts sending at about 300 kbps, and
 * at that rate Chromium's encoder drops the first frames of anything larger
 * than VGA while it asks for a smaller size: with a 720p camera the other
 * person's first frame came about 130 ms later than with a VGA one. So the
 * video starts scaled down to VGA's pixel count (the size the encoder would
 * fall back to anyway) and may grow to the camera's full size once the
 * connection has been up for FULL_SIZE_AFTER_MS, when the bandwidth estimate
 * has had time to rise; from then on the browser's own adaptation decides.
 */

/** Pixels the encoder starts without dropping frames at the 300 kbps start rate (640x480). */
export const START_PIXELS = 640 * 480;
/** How long after connecting the video may grow to its full size. */
export const FULL_SIZE_AFTER_MS = 2000;

/** How much to scale a `width` x `height` video down by to start with (1: not at all). */
export function startScale(width: number | undefined, height: number | undefined): number {
  if (!width || !height || width * height <= START_PIXELS) return 1;
  return Math.ceil(Math.sqrt((width * height) / START_PIXELS) * 100) / 100;
}

async function setScale(sender: RTCRtpSender, scale: (width?: number, height?: number) => number): Promise<void> {
  const settings = sender.track?.getSettings() ?? {};
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return;
  for (const encoding of parameters.encodings) encoding.scaleResolutionDownBy = scale(settings.width, settings.height);
  try {
    await sender.setParameters(parameters);
  } catch (error) {
    console.warn('duet: could not set the video size', error);
  }
}

/** Starts `sender`'s video at VGA size (see startScale); call before negotiating. */
export function limitStartSize(sender: RTCRtpSender): Promise<void> {
  return setScale(sender, startScale);
}

/** Lets `sender`'s video grow to its full size. */
export function liftStartSize(sender: RTCRtpSender): Promise<void> {
  return setScale(sender, () => 1);
}
