import { Fragment } from "react";

/**
 * An e-mail address that a narrow screen wraps after its "@" and before its dots rather than in
 * the middle of a word (docs/rules.md, rule 16); a part longer than the line still wraps.
 */
export function EmailAddress({ email }: { email: string }) {
  const parts = email.split(/(?<=@)|(?=\.)/);
  return (
    <span className="wrap-anywhere">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
