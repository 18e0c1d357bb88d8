import { StatusPage } from "@/components/status-page";

export default function Forbidden() {
  return <StatusPage title="Access denied" text="Your account cannot open this page." />;
}
