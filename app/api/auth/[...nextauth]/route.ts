/** Auth.js's endpoints. Their bodies (an email, a password, a code) are bounded while read, like every route's. */
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { BODY_LIMITS, readBytes } from "@/lib/http/body";

export const { GET } = handlers;

export async function POST(request: NextRequest) {
  const body = await readBytes(request, BODY_LIMITS.auth);
  if (!body.ok)
    return Response.json(
      { code: body.problem === "too_large" ? "login.errors.request_too_large" : "login.errors.invalid" },
      { status: body.problem === "too_large" ? 413 : 400 },
    );
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body: body.value as BodyInit }));
}
