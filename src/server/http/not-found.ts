/**
 * The bilingual "not found" page, for bad room links and for any unknown URL
 * (both answer 404 with the same look as the rest of duet).
 */
import type { Response } from 'express';

interface NotFoundText {
  title: string;
  heading: string;
  explain: string;
  zh: string;
}

const TEXT: Record<'room' | 'page', NotFoundText> = {
  room: {
    title: 'Room not found',
    heading: 'This room link is not valid',
    explain:
      'Room names are 1 to 64 letters or digits, and may use <span class="nowrap">"-"</span>, <span class="nowrap">"_"</span> and <span class="nowrap">"."</span> (but not only dots).',
    zh: '房间链接无效：房间名为 1 到 64 个字母或数字，可以包含 <span class="nowrap">“-”</span>、<span class="nowrap">“_”</span> 和 <span class="nowrap">“.”</span>（但不能只由 “.” 组成）。',
  },
  page: {
    title: 'Page not found',
    heading: 'There is no page at this address',
    explain: 'Check the link, or start a call from the home page.',
    zh: '这个地址没有页面。请检查链接，或从首页开始通话。',
  },
};

export function notFoundPage(kind: 'room' | 'page'): string {
  const text = TEXT[kind];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title} · duet</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/duet.css"></head>
<body class="plain"><main class="card" data-not-found="${kind}">
<h1>${text.heading}</h1>
<p>${text.explain}</p>
<p lang="zh-CN">${text.zh}</p>
<p><a class="button" href="/">Start or join a call · 开始或加入通话</a></p>
</main></body>
</html>
`;
}

export function sendNotFound(res: Response, kind: 'room' | 'page'): void {
  res.status(404).type('html').set('Cache-Control', 'no-cache').send(notFoundPage(kind));
}
