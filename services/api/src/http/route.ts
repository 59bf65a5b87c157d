import type { FastifyReply, FastifyRequest } from "fastify"
import type { Schema } from "effect"
import type { Principal } from "../auth/keys.js"
import type { Permission } from "../auth/roles.js"

export type Method = "GET" | "POST" | "PUT" | "DELETE"

export interface Context<P, Q, B> {
  readonly params: P
  readonly query: Q
  readonly body: B
  /** Undefined only on public routes. */
  readonly principal: Principal
  readonly request: FastifyRequest
  readonly reply: FastifyReply
}

/** A handler's answer: a value to serialize, or `json`, text already serialized (cached reports). */
export type Answer =
  | { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> }
  | { readonly status: number; readonly json: string | Buffer; readonly headers?: Record<string, string> }
  /** The handler wrote the reply itself (streams). */
  | { readonly status: "sent" }

export interface ResponseSpec {
  readonly description: string
  readonly schema?: Schema.Top
  readonly contentType?: string
}

/**
 * One route: its validation schemas are the same values the OpenAPI document is generated from,
 * so the documentation cannot drift from what the server enforces.
 */
export interface Route<P = any, Q = any, B = any> {
  readonly method: Method
  readonly url: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly permission: Permission | "public"
  readonly params?: Schema.Codec<P, unknown>
  readonly query?: Schema.Codec<Q, unknown>
  readonly body?: Schema.Codec<B, unknown>
  /** Media types the body may have besides application/json, each with what it holds (for the OpenAPI document). */
  readonly bodyTypes?: Readonly<Record<string, { readonly description: string; readonly schema: Schema.Top }>>
  /**
   * Reads the body itself, after the query is decoded, instead of decoding it with `body` (which still documents
   * the JSON form): for scenarios, which the CLI's decoder reads from the text as written, JSON or YAML.
   */
  readonly readBody?: (request: FastifyRequest, query: Q) => B
  /** A body the handler reads as a stream (NDJSON), not parsed by the server. */
  readonly streamBody?: { readonly contentType: string; readonly description: string }
  readonly responses: Readonly<Record<number, ResponseSpec>>
  readonly handler: (ctx: Context<P, Q, B>) => Promise<Answer>
}

export const route = <P = undefined, Q = undefined, B = undefined>(r: Route<P, Q, B>): Route => r as Route

export const ok = (body: unknown, status = 200): Answer => ({ status, body })
