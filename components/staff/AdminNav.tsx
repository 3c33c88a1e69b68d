"use client";

import { Link, usePathname } from "@/lib/i18n/navigation";

/** The administration's sub-navigation: one link per section, the current one marked. */
export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav className="container container--wide admin-nav" aria-label={label}>
      <ul className="admin-toc">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={pathname === link.href ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
