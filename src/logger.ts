import { pino, type Logger } from 'pino';

/** The process logger: JSON lines on stdout, one per event, with the request id where there is one. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'compute-atlas' }, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] });
}
