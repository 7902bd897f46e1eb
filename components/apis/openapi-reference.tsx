// The API reference, rendered on the server from the dereferenced OpenAPI document: operations by
// tag (method, path, parameters, request body, responses with headers, schemas and examples), then
// the document's schemas. No client JavaScript; descriptions are Markdown without raw HTML.
import Markdown from "react-markdown";
import { compactCellClass, compactTableClass, TableHead } from "@/components/ui/table";
import { type RefMedia, type RefOperation, schemaType } from "@/lib/apis/reference";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-50",
  POST: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-50",
  PUT: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-50",
  PATCH: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-50",
  DELETE: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-50",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 font-mono text-xs font-bold ${METHOD_STYLE[method] ?? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-50"}`}
    >
      {method}
    </span>
  );
}

function Md({ text }: { text: string }) {
  if (!text) return null;
  return (
    <div className="space-y-2 text-sm [&_a]:text-brand-700 [&_a]:underline dark:[&_a]:text-brand-300 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800">
      <Markdown>{text}</Markdown>
    </div>
  );
}

/** A schema as a nested list of properties (depth-limited; circular documents stop at the limit). */
export function SchemaView({ schema, depth = 0 }: { schema: unknown; depth?: number }) {
  if (!isObj(schema)) return <span className="font-mono text-xs">any</span>;
  const props = isObj(schema.properties) ? schema.properties : null;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const items = schema.type === "array" && isObj(schema.items) ? schema.items : null;
  const inner = props ? schema : items && isObj(items.properties) ? items : null;
  return (
    <div className="text-sm">
      <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{schemaType(schema)}</span>
      {typeof schema.description === "string" && depth === 0 ? (
        <p className="mt-1 text-slate-700 dark:text-slate-300">{schema.description}</p>
      ) : null}
      {inner && isObj(inner.properties) && depth < 5 ? (
        <ul className="mt-1 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700">
          {Object.entries(inner.properties).map(([name, sub]) => (
            <li key={name}>
              <code className="font-mono text-xs font-semibold">{name}</code>
              {(Array.isArray(inner.required) ? (inner.required as string[]) : required).includes(name) ? (
                <span className="ml-1 text-xs text-red-800 dark:text-red-300">required</span>
              ) : null}{" "}
              {isObj(sub) && typeof sub.description === "string" ? (
                <span className="text-slate-700 dark:text-slate-300">— {sub.description} </span>
              ) : null}
              <SchemaView schema={sub} depth={depth + 1} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Example({ value, label }: { value: unknown; label: string }) {
  return (
    <div>
      <p className="text-xs font-semibold">Example: {label}</p>
      <pre
        tabIndex={0}
        className="mt-1 max-h-64 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      >
        {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function Media({ content }: { content: RefMedia[] }) {
  return (
    <>
      {content.map((m) => (
        <div key={m.contentType} className="mt-2 space-y-2">
          <p className="font-mono text-xs">{m.contentType}</p>
          <SchemaView schema={m.schema} />
          {m.examples.map((e) => (
            <Example key={e.name} label={e.name} value={e.value} />
          ))}
        </div>
      ))}
    </>
  );
}

export function OperationView({ op }: { op: RefOperation }) {
  return (
    <section
      id={op.anchor}
      aria-labelledby={`${op.anchor}-title`}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      <h3 id={`${op.anchor}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <MethodBadge method={op.method} />
        <code className="font-mono">{op.path}</code>
        {op.summary ? <span className="font-normal">— {op.summary}</span> : null}
        {op.deprecated ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">deprecated</span> : null}
      </h3>
      {op.operationId ? <p className="mt-1 font-mono text-xs text-slate-600 dark:text-slate-400">operationId: {op.operationId}</p> : null}
      <div className="mt-2">
        <Md text={op.description} />
      </div>
      <h4 className="mt-4 text-sm font-semibold">Parameters</h4>
      {op.parameters.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">None.</p>
      ) : (
        <div className="mt-1 overflow-x-auto" tabIndex={0}>
          <table className={`${compactTableClass} text-sm`}>
            <TableHead
              columns={["Name", "In", "Type", "Required", "Description"]}
              cellClass={compactCellClass}
              rowClass="border-b border-slate-200 dark:border-slate-700"
            />
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}:${p.name}`} className="border-b border-slate-100 align-top dark:border-slate-800">
                  <td className={`${compactCellClass} font-mono text-xs`}>{p.name}</td>
                  <td className={compactCellClass}>{p.in}</td>
                  <td className={`${compactCellClass} font-mono text-xs`}>{schemaType(p.schema)}</td>
                  <td className={compactCellClass}>{p.required ? "yes" : "no"}</td>
                  <td className={compactCellClass}>
                    {p.description}
                    {p.example !== undefined ? <span className="block font-mono text-xs">e.g. {JSON.stringify(p.example)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {op.requestBody ? (
        <>
          <h4 className="mt-4 text-sm font-semibold">Request body{op.requestBody.required ? " (required)" : ""}</h4>
          <Md text={op.requestBody.description} />
          <Media content={op.requestBody.content} />
        </>
      ) : null}
      <h4 className="mt-4 text-sm font-semibold">Responses</h4>
      <ul className="mt-1 space-y-3">
        {op.responses.map((r) => (
          <li key={r.status} className="border-l-2 border-slate-300 pl-3 dark:border-slate-600">
            <p className="text-sm">
              <span className="font-mono font-semibold">{r.status}</span> {r.description}
            </p>
            {r.headers.length ? (
              <ul className="mt-1 text-xs">
                {r.headers.map((h) => (
                  <li key={h.name}>
                    Header <code className="font-mono">{h.name}</code> ({schemaType(h.schema)}){h.description ? ` — ${h.description}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
            <Media content={r.content} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SchemasView({ schemas }: { schemas: Obj }) {
  const entries = Object.entries(schemas);
  if (!entries.length) return null;
  return (
    <section aria-labelledby="schemas-heading" className="space-y-3">
      <h2 id="schemas-heading" className="text-xl font-semibold">
        Schemas
      </h2>
      {entries.map(([name, s]) => (
        <div
          key={name}
          id={`schema-${name}`}
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
        >
          <h3 className="font-mono text-sm font-semibold">{name}</h3>
          <SchemaView schema={s} />
        </div>
      ))}
    </section>
  );
}
