"use client";
// The account menu: the "account" section of navigationFor(), the theme, and "Sign out". "Sign out" is
// also a plain button in the top bar (contract: visible without a menu). A menu button of our own
// (WAI-ARIA menu pattern) instead of Radix DropdownMenu (~15 KiB more on every page):
// opening focuses the first item; Arrow keys, Home and End move; Escape closes and gives focus back to
// the button; Tab or a click outside closes. Not modal: the rest of the page stays reachable.
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { signOutAction } from "@/lib/actions/session";
import type { NavItem } from "@/lib/server/session";
import { toggleTheme, useDarkTheme } from "./theme-toggle";

const itemClass =
  "block w-full cursor-default rounded px-3 py-2 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800";

export function AccountMenu({ user, items }: { user: { name: string; email: string }; items: NavItem[] }) {
  const [, startTransition] = useTransition();
  const [dark, setDark] = useDarkTheme();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const itemsOf = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    itemsOf()[0]?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !trigger.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const list = itemsOf();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => {
      event.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") setOpen(false);
  };

  return (
    <div className="relative">
      <button
        ref={trigger}
        type="button"
        aria-label={`Your account (${user.name})`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? "account-menu" : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
        className="inline-flex max-w-48 items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white"
        >
          {(user.name || user.email).charAt(0).toUpperCase()}
        </span>
        <span aria-hidden="true" className="hidden truncate sm:inline">
          {user.name}
        </span>
      </button>
      {open ? (
        <div
          ref={menu}
          id="account-menu"
          role="menu"
          aria-label={`Your account (${user.name})`}
          onKeyDown={onKeyDown}
          className="absolute right-0 top-full z-50 mt-1.5 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="px-3 py-2 text-xs text-slate-600 dark:text-slate-300">
            <span className="block font-medium text-slate-900 dark:text-slate-100">{user.name}</span>
            {user.email}
          </div>
          <div role="separator" className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          {items.map((item) => (
            <Link key={item.href} href={item.href} role="menuitem" tabIndex={-1} className={itemClass} onClick={() => setOpen(false)}>
              {item.label}
            </Link>
          ))}
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={dark ?? false}
            tabIndex={-1}
            className={itemClass}
            onClick={() => {
              setDark(toggleTheme());
              close(true);
            }}
          >
            Dark theme {dark ? "(on)" : "(off)"}
          </button>
          <div role="separator" className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={itemClass}
            onClick={() => {
              close(true);
              startTransition(() => signOutAction());
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
