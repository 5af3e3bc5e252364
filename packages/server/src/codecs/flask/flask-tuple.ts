/**
 * A Python tuple in a Flask session, written as Flask's ` t` tag so Flask reads it back as a
 * `tuple`; decoding gives a plain array, since JavaScript has no tuples.
 *
 * @example
 * codec.encode({ pair: new FlaskTuple(['message', 'Saved']) })
 */
export class FlaskTuple {
  /** The tuple's items, in order. */
  readonly items: readonly unknown[]

  constructor(items: Iterable<unknown>) {
    this.items = Object.freeze([...items])
  }
}
