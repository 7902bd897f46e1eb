// How the guide's MDX elements render: code blocks with a copy button, internal links through
// next/link, wide tables scroll, images lazy.
import type { MDXComponents } from "mdx/types";
import Link from "next/link";
import { CodeBlock } from "./code-block";

export const docsComponents: MDXComponents = {
  pre: (props) => <CodeBlock {...props} />,
  a: ({ href = "", children, ...rest }) =>
    href.startsWith("/") || href.startsWith("#") ? (
      <Link href={href} {...rest}>
        {children}
      </Link>
    ) : (
      <a href={href} rel="noreferrer" {...rest}>
        {children}
      </a>
    ),
  table: (props) => (
    // Focusable so a keyboard can scroll a wide table.
    <div className="docs-table" tabIndex={0}>
      <table {...props} />
    </div>
  ),
  // eslint-disable-next-line @next/next/no-img-element
  img: ({ alt = "", ...props }) => <img alt={alt} loading="lazy" {...props} />,
};
