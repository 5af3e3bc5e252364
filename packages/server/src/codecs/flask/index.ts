export {
  createFlaskCodec,
  type FlaskCodec,
  type FlaskDecodeOptions,
  type FlaskDecodeResult,
  MAX_FLASK_PAYLOAD_BYTES,
} from './create-flask-codec.js'
export { FlaskTuple } from './flask-tuple.js'
export {
  FLASK_CODEC_DEFAULTS,
  type FlaskCodecOptions,
} from './resolve-flask-codec-options.js'
