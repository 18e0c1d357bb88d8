"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavigationLink = { href: string; label: string };

/**
 * The area's links. The page shown is marked `aria-current="page"`; on a page under one of them
 * (/backend/users/new), that link is marked as the current section. Every page is under the
 * area's home (the first link), which therefore marks only itself.
 */
export function MainNavigation({
  links,
  label,
}: {
  links: readonly NavigationLink[];
  /** The navigation's name for screen readers, in the page's language. */
  label: string;
}) {
  const pathname = usePathname();
  const section = links
    .slice(1)
    .filter((link) => pathname.startsWith(`${link.href}/`))
    .reduce<string | null>(
      (longest, link) => (longest && longest.length >= link.href.length ? longest : link.href),
      null,
    );
  const currentHref = links.some((link) => link.href === pathname) ? pathname : section;
  return (
    <nav aria-label={label} className="mx-auto max-w-5xl px-4 pb-2">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={
                link.href !== currentHref ? undefined : link.href === pathname ? "page" : "true"
              }
              className="font-medium text-indigo-700 hover:underline aria-[current]:text-slate-900 aria-[current]:underline aria-[current]:decoration-2 aria-[current]:underline-offset-4"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
