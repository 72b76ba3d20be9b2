import type { ReactNode, TdHTMLAttributes } from "react";

/** A data table's header row: one column heading per label. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="text-zinc-600">
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col" className="whitespace-nowrap py-2 pr-3 font-medium">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A data table, named by `label`. On a wide screen it scrolls sideways when it must; under 640 px each row becomes
 * a card and each cell shows its column's name (`Cell`'s label, see `.data-table` in globals.css), so that nothing
 * on a phone scrolls sideways.
 */
export function Table({
  label,
  columns,
  bodyClassName = "",
  children,
}: {
  label: string;
  columns: string[];
  bodyClassName?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable, so that keyboard users can scroll a table wider than its column
    <section className="sm:overflow-x-auto" tabIndex={0} aria-label={label}>
      <table className="data-table w-full text-left text-sm">
        <TableHead columns={columns} />
        <tbody className={`divide-y divide-zinc-200 ${bodyClassName}`}>{children}</tbody>
      </table>
    </section>
  );
}

/** One cell of a `Table`; `label` is its column's name, shown before it when the row is a card. */
export function Cell({ label, ...props }: { label: string } & TdHTMLAttributes<HTMLTableCellElement>) {
  return <td data-label={label} {...props} />;
}
