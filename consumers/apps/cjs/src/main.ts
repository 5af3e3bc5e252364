import type { AddressInfo } from 'node:net'
import { createApp } from './app'

const server = createApp(process.env.SECRET_KEY!).listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
