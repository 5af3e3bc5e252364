// What README snippets take as already in scope, for the consumer test that compiles them: the
// app of the section before, and a web Request during server rendering.
declare const app: import('express').Express
declare const request: Request
