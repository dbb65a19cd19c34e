/**
 * The call view laid out ahead, out of sight. While the pre-join screen or the ring
 * shows, the call view is rendered invisible and inert behind the page, so its styles, layout
 * and control icons are done before the click that starts the call; that click then only
 * reveals it, instead of building the whole screen while the call is being set up.
 */

/** Renders `view` out of sight: invisible, inert, not in the layout of the page. */
export function stageCall(view: HTMLElement): void {
  if (!view.hidden) return;
  view.classList.add('staged');
  view.inert = true;
  view.hidden = false;
}

/** Shows `view` (staged or hidden) as the page's call screen. */
export function revealCall(view: HTMLElement): void {
  view.classList.remove('staged');
  view.inert = false;
  view.hidden = false;
}

/** Whether `view` is the call screen the person sees. */
export function callShown(view: HTMLElement): boolean {
  return !view.hidden && !view.classList.contains('staged');
}
