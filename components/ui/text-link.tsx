import Link from "next/link";
import type { ComponentProps } from "react";

// The console's one inline link look: brand colour, underlined. Extra classes (weight, size, spacing) come in
// through className. `anchor` renders a plain <a> for downloads, in-page anchors and routes Next must not prefetch.
export const textLinkClass = "text-brand-700 underline dark:text-brand-300";

function withLinkClass(className: string | undefined): string {
  return className ? `${className} ${textLinkClass}` : textLinkClass;
}

type NextLinkProps = ComponentProps<typeof Link> & { anchor?: false };
type AnchorProps = ComponentProps<"a"> & { anchor: true; href: string };

export function TextLink(props: NextLinkProps | AnchorProps) {
  if (props.anchor) {
    const { anchor: _anchor, className, ...rest } = props;
    return <a {...rest} className={withLinkClass(className)} />;
  }
  const { anchor: _anchor, className, ...rest } = props;
  return <Link {...rest} className={withLinkClass(className)} />;
}
