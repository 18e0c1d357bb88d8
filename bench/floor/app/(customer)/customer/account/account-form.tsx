"use client";

import { useState } from "react";

export function AccountForm() {
  const [name, setName] = useState("");
  return (
    <form noValidate>
      <label htmlFor="display-name">Display name</label>
      <input id="display-name" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit">Save</button>
    </form>
  );
}
