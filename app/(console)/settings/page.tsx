import { Placeholder } from "@/components/shell/placeholder";

export const metadata = { title: "Account" };

export default function SettingsPage() {
  return <Placeholder title="Account" willShow={["Change your password", "Show times in UTC or Africa/Kampala"]} />;
}
