"use client";
// The account menu (Radix DropdownMenu): the "account" section of navigationFor(), the theme, and
// "Sign out". "Sign out" is also a plain button in the top bar (contract: visible without a menu).
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useTransition } from "react";
import { signOutAction } from "@/lib/actions/session";
import type { NavItem } from "@/lib/server/session";
import { toggleTheme, useDarkTheme } from "./theme-toggle";

const itemClass =
  "block cursor-default rounded px-3 py-2 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100 dark:text-slate-100 dark:data-[highlighted]:bg-slate-800";

export function AccountMenu({ user, items }: { user: { name: string; email: string }; items: NavItem[] }) {
  const [, startTransition] = useTransition();
  const [dark, setDark] = useDarkTheme();
  return (
    // Not modal: the rest of the page is not aria-hidden while the menu is open (axe aria-hidden-focus);
    // focus still moves into the menu, and Escape or a click outside closes it and returns focus.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger aria-label={`Your account (${user.name})`} className="inline-flex max-w-48 items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800">
        <span aria-hidden="true" className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {(user.name || user.email).charAt(0).toUpperCase()}
        </span>
        <span aria-hidden="true" className="hidden truncate sm:inline">
          {user.name}
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-600 dark:text-slate-300">
            <span className="block font-medium text-slate-900 dark:text-slate-100">{user.name}</span>
            {user.email}
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          {items.map((item) => (
            <DropdownMenu.Item key={item.href} asChild className={itemClass}>
              <Link href={item.href}>{item.label}</Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.CheckboxItem
            className={itemClass}
            checked={dark ?? false}
            onCheckedChange={() => setDark(toggleTheme())}
          >
            Dark theme {dark ? "(on)" : "(off)"}
          </DropdownMenu.CheckboxItem>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item className={itemClass} onSelect={() => startTransition(() => signOutAction())}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
