import type { LiHTMLAttributes, ReactNode } from "react";
import { Pager } from "./pager";
import { Card, EmptyState, PageHeader } from "./ui/card";

/** The words of a list page, as each dictionary section of one has them. */
interface ListTexts {
  emptyTitle: string;
  emptyBody: string;
}

/** One page of what the API listed. */
interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/**
 * One page of a list, `inCard` or not, with the link to the next page; the empty state instead when there is
 * nothing. `query` is kept in the next page's address (a tab, say).
 */
export function PagedList({
  texts,
  page,
  query,
  inCard = false,
  children,
}: {
  texts: ListTexts;
  page: Page;
  query?: Record<string, string>;
  inCard?: boolean;
  children: ReactNode;
}) {
  if (page.items.length === 0) return <EmptyState title={texts.emptyTitle} body={texts.emptyBody} />;
  const list = (
    <>
      {children}
      <Pager nextCursor={page.nextCursor} query={query} />
    </>
  );
  return inCard ? <Card>{list}</Card> : list;
}

/** The main column of a page beside a narrower one (what adds to the list, mostly); stacked on small screens. */
export function MainWithAside({
  aside,
  mainClassName,
  children,
}: {
  aside: ReactNode;
  mainClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className={mainClassName ? `${mainClassName} lg:col-span-2` : "lg:col-span-2"}>{children}</div>
      {aside}
    </div>
  );
}

/** A page that lists one kind of thing: its title and lead, the list, and beside it the `aside` when there is one. */
export function ListPage({
  texts,
  page,
  aside,
  children,
}: {
  texts: ListTexts & { title: string; lead: string };
  page: Page;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const list = (
    <PagedList texts={texts} page={page} inCard>
      {children}
    </PagedList>
  );
  return (
    <>
      <PageHeader title={texts.title} lead={texts.lead} />
      {aside ? <MainWithAside aside={aside}>{list}</MainWithAside> : list}
    </>
  );
}

/** A list's rows, one under the other. */
export function Rows({ children }: { children: ReactNode }) {
  return <ul className="divide-y divide-zinc-200">{children}</ul>;
}

/** One row of a list: what it is on the left, its state or actions on the right. */
export function Row({ children, ...props }: LiHTMLAttributes<HTMLLIElement>) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-3" {...props}>
      {children}
    </li>
  );
}
