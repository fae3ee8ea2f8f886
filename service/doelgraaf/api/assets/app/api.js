// The pages read and write only through /graphql, like any other client (docs/architecture.md, "De dashboards").
import { language } from "./i18n.js";

const TOKEN = "doelgraaf-token";

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN, value.trim());
  else sessionStorage.removeItem(TOKEN);
}

/** An error the API gave, in the reader's language when the API gave both. */
export class ApiError extends Error {
  constructor(errors) {
    const en = language() === "en";
    super(errors.map((e) => (e.extensions && (en ? e.extensions.en : e.extensions.nl)) || e.message).join("\n"));
    this.errors = errors;
    this.code = errors[0] && errors[0].extensions ? errors[0].extensions.code : undefined;
  }
}

/** Run one operation; `lang` is always given (GraphQL ignores a variable an operation does not declare). */
export async function graphql(query, variables = {}, { withToken = false } = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" };
  const kept = token();
  if (withToken && kept) headers.Authorization = `Bearer ${kept}`;
  const response = await fetch("/graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables: { lang: language(), ...variables } }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `HTTP ${response.status}` }]);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  return body.data;
}
