"use client";
// A highlighted code block (Shiki's <pre>, rendered on the server) with a "Copy" button that copies
// the code as text.
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export function CodeBlock(props: React.ComponentProps<"pre">) {
  const ref = useRef<HTMLPreElement>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    setText(ref.current?.innerText ?? "");
  }, []);
  return (
    <div className="docs-code group relative">
      <pre ref={ref} {...props} tabIndex={0} />
      <div className="absolute right-2 top-2 print:hidden">
        <CopyButton text={text} label="Copy code" className="bg-white dark:bg-slate-900" />
      </div>
    </div>
  );
}
