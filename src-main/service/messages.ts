import { z } from 'zod';
import type { RequestMessage } from '../contract/transport';

const text = z.string().max(4096);
/**
 * A case and purpose as sent: two texts. Whether they will do (given, one line, stating a
 * purpose) is the gate's to say, so that a refusal is answered in its words and logged.
 */
const accessShape = z.object({ caseNumber: text, purpose: text }).strict();
const access = accessShape.optional();

/**
 * Every request a connection sends is checked here before anything acts on it: a window
 * or a socket is not trusted to send well-formed messages. Operation inputs are checked
 * again, fully, by the gate.
 */
const requestSchema = z.discriminatedUnion('method', [
  z.object({ id: z.number().int(), method: z.literal('app.status'), params: z.object({}).strict() }),
  z.object({
    id: z.number().int(),
    method: z.literal('app.setUp'),
    params: z.object({ commander: text, fullName: text, password: text }).strict(),
  }),
  z.object({ id: z.number().int(), method: z.literal('app.signIn'), params: z.object({ username: text, password: text }).strict() }),
  z.object({ id: z.number().int(), method: z.literal('app.unlock'), params: z.object({ password: text }).strict() }),
  z.object({
    id: z.number().int(),
    method: z.literal('app.recover'),
    params: z.object({ recoveryCode: text, username: text, newPassword: text }).strict(),
  }),
  z.object({
    id: z.number().int(),
    method: z.literal('app.call'),
    params: z.object({ operation: text, input: z.unknown(), access }).strict(),
  }),
  z.object({
    id: z.number().int(),
    method: z.literal('job.start'),
    params: z.object({ operation: text, input: z.unknown(), access }).strict(),
  }),
  z.object({
    id: z.number().int(),
    method: z.literal('app.setWorkingCase'),
    params: z
      .object({
        workingCase: z
          .object({ access: accessShape, confirmedOn: z.array(z.string().max(64)).max(64) })
          .strict()
          .nullable(),
      })
      .strict(),
  }),
  z.object({ id: z.number().int(), method: z.literal('job.cancel'), params: z.object({ jobId: text }).strict() }),
  z.object({
    id: z.number().int(),
    method: z.literal('download.prepare'),
    params: z.object({ operation: text, input: z.unknown(), access }).strict(),
  }),
  z.object({
    id: z.number().int(),
    method: z.literal('upload.prepare'),
    params: z.object({ name: z.string().max(1024), size: z.number().int().min(0) }).strict(),
  }),
]);

export type ParsedRequest = z.infer<typeof requestSchema>;

/** The message, or undefined when it is not a request at all. */
export function parseRequest(raw: unknown): ParsedRequest | undefined {
  const parsed = requestSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The id of a malformed message, when it has one, so the reply can name it. */
export function requestIdOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

// The schema and the contract's type must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<ParsedRequest['method'], RequestMessage['method']> = true;
void sameShape;
