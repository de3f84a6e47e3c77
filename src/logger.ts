import { pino, type DestinationStream, type Logger } from 'pino';

/** The process logger: JSON lines on stdout (or `destination`), one per event, with the request id where there is one. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const redact = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'res.headers["set-cookie"]'];
  return pino({ level, base: { service: 'compute-atlas' }, redact }, destination);
}
