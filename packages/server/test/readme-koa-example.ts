import { csrf, session } from '@crumbs/server/koa'
import Koa from 'koa'

const app = new Koa()
app.use(csrf()) // 403 for cross-site unsafe requests
app.use(session({ secret: process.env.SECRET_KEY! }))

app.use(async (ctx) => {
  if (ctx.path === '/cookie/set') {
    ctx.crumbs.cookies.setCookie('username', 'john', { maxAge: 3600 })
    ctx.body = 'cookie set'
    return
  }
  const views = Number(ctx.session.get('views') ?? 0) + 1
  ctx.session.set('views', views)
  ctx.body = `${views} views`
})

app.listen(3000)
