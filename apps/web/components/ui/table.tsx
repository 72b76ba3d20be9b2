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
