import { createServer as createHttpServer } from 'node:http'
import express from 'express'
import { greeting, LOGGED_IN, ROUTES, USERNAME } from '../server-module.js'

/** Express 5 with no session: the floor that Express session targets are measured against. */
export function createServer() {
  const app = express()
  app.get(ROUTES.login, (_req, res) => {
    res.send(LOGGED_IN)
  })
  app.get(ROUTES.write, (_req, res) => {
    res.send(greeting(USERNAME, 1))
  })
  app.get(ROUTES.read, (_req, res) => {
    res.send(greeting(USERNAME))
  })
  return createHttpServer(app)
}
