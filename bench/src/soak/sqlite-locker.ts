// `node sqlite-locker.ts <file> <seconds>`: holds an exclusive lock on a SQLite file (BEGIN
// EXCLUSIVE, as another program writing to it would), then lets go and exits. Run by the soak.
import Database from 'better-sqlite3'

const [path, seconds] = process.argv.slice(2)
if (path === undefined || seconds === undefined) throw new Error('usage: <file> <seconds>')
const db = new Database(path, { fileMustExist: true, timeout: 10_000 })
db.exec('BEGIN EXCLUSIVE')
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000))
db.exec('COMMIT')
db.close()
