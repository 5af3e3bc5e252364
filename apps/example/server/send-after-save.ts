import type { Request, Response } from 'express'

// Each answer saves the session first (`save()`), so a store failure rejects inside the route
// and reaches the error handler's 503 page, rather than surfacing while headers go out.

/** Saves the session, then sends an HTML page. */
export async function sendHtml(
  req: Request,
  res: Response,
  status: number,
  html: string,
): Promise<void> {
  await req.session.save()
  res.status(status).type('html').send(html)
}

/** Saves the session, then sends JSON. */
export async function sendJson(
  req: Request,
  res: Response,
  status: number,
  body: unknown,
): Promise<void> {
  await req.session.save()
  res.status(status).json(body)
}

/** Saves the session, then redirects (303 after a POST, so the browser follows with a GET). */
export async function redirectTo(
  req: Request,
  res: Response,
  status: 302 | 303,
  url: string,
): Promise<void> {
  await req.session.save()
  res.redirect(status, url)
}
