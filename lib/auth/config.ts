/**
 * Auth.js v5: staff and delegates sign in with email and password (Credentials, hence JWT sessions).
 * The token carries only the user id; role and scope are read from the database on each request
 * (lib/auth/session), so that a change of role or a deactivation applies immediately.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/auth/address";
import { verifyStaffCredentials } from "@/lib/dal/staff-auth";
import { log } from "@/lib/log";

declare module "next-auth" {
  interface Session {
    /** When this session was signed in (seconds): void once the password changes after it. */
    signedInAt?: number;
  }
}

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A refused sign-in is an expected event (wrong password, throttle): one line, not a stack.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") {
        log().warn({ code: (error as CredentialsSignin).code ?? "invalid" }, "sign-in refused");
        return;
      }
      log().error({ err: error }, "auth error");
    },
  },
  session: { strategy: "jwt", maxAge: 10 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password) throw new SignInRefused("invalid");
        const code = typeof credentials?.code === "string" ? credentials.code.slice(0, 40) : "";
        const result = await verifyStaffCredentials(email, password, clientAddress(request.headers), { code });
        if (!result.ok) throw new SignInRefused(result.code);
        return { id: result.viewer.id, email: result.viewer.email, name: `${result.viewer.firstName ?? ""} ${result.viewer.lastName ?? ""}`.trim() };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `iat` is renewed each time the cookie is re-issued: the sign-in time is kept apart.
      if (user?.id) {
        token.uid = user.id;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.signedInAt === "number") session.signedInAt = token.signedInAt;
      return session;
    },
  },
});
