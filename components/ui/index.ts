export { Card, PageHeader } from "./card";
export { Badge, StatusPill, toneOf, type Tone } from "./status-pill";
export { Table, type Column } from "./table";
export { EmptyState } from "./empty-state";
export { SourceErrors } from "./source-errors";
export { Button, inputClass } from "./button";
export { Field } from "./field";
export { LoadingCard, QueryErrorCard, QueryResult } from "./query-state";
