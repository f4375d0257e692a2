package org.civicast;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.keys.ApiKey;
import org.civicast.congress.CongressCli;
import org.civicast.keys.ApiKeyService;
import org.civicast.keys.AuthToken;
import org.civicast.keys.AuthTokenService;
import org.civicast.lookup.LookupCli;
import org.civicast.lookup.PrefixTable;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationChanges;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.EmbeddedDatabase;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Change;
import org.civicast.platform.secrets.SecretBox;

/**
 * The operator's command line, working on the database directly (beside a running server on the
 * embedded database, or alone): organizations and API keys, for when no key is at hand.
 */
final class AdminCli {
    private static final String USAGE = """
            usage: java -jar civicast.jar admin COMMAND
              orgs list
              orgs create --name NAME [--parent ORG_ID]
              keys list [--org ORG_ID] [--include-revoked]
              keys create --org ORG_ID --name NAME [--scopes read,write,admin] [--rate-limit PER_HOUR]
              keys set-limit KEY_ID PER_HOUR|default
              keys revoke KEY_ID
              tokens list [--org ORG_ID] [--include-revoked]
              tokens create --org ORG_ID --name NAME      (an Auth Token of the /v3 advocacy API)
              tokens revoke TOKEN_ID
            """ + CongressCli.USAGE + LookupCli.USAGE + org.civicast.platform.jobs.JobsCli.USAGE;
    /** The operator stands above every tree. */
    private static final Principal OPERATOR = new Principal("admin-cli", null, Subtree.WHOLE_TREE,
            EnumSet.allOf(Scope.class), Integer.MAX_VALUE);

    static int run(Config config, String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.print(USAGE);
            return args.length == 1 && args[0].equals("help") ? 0 : 2;
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--include-revoked")) {
                options.put("include-revoked", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        EmbeddedDatabase embedded = config.embeddedDatabase()
                ? EmbeddedDatabase.attachOrStart(config.dataDir(), config.embeddedDatabaseBinariesDir(),
                        config.embeddedDatabasePort()) : null;
        try (Database db = Civicast.connect(config, embedded, null)) {
            Features features = Features.wire(db, Clock.systemUTC(), config, SecretBox.load(config));
            if (args[0].equals("congress")) {
                return CongressCli.run(features.congress(), Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            if (args[0].equals("lookup")) {
                return LookupCli.run(new PrefixTable(db, features.clock()), features.lineTypes().providerName(),
                        Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            if (args[0].equals("jobs")) {
                return org.civicast.platform.jobs.JobsCli.run(features.jobs(), Arrays.copyOfRange(args, 1, args.length),
                        out, err);
            }
            if (args[0].equals("tokens")) {
                return tokens(args[1], options, positional, features.authTokens(), out, err);
            }
            return execute(args[0] + " " + args[1], options, positional, features.organizations(), features.keys(),
                    out, err);
        } catch (ApiException e) {
            err.println("civicast admin: " + e.getMessage());
            return 1;
        } catch (NumberFormatException e) {
            return usage(err, "a rate limit is a whole number of requests an hour: " + e.getMessage());
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    private static int execute(String command, Map<String, String> o, List<String> positional,
                               OrganizationService orgs, ApiKeyService keys, PrintStream out, PrintStream err) {
        switch (command) {
            case "orgs list" -> {
                for (Organization org : orgs.list(OPERATOR)) {
                    out.printf("%s\t%s\t%s\tparent=%s%n", org.id(), org.status(), org.displayName(), org.parentId());
                }
            }
            case "orgs create" -> {
                if (!o.containsKey("name")) return usage(err, "--name is required");
                Organization org = o.containsKey("parent")
                        ? orgs.create(OPERATOR, o.get("parent"), OrganizationChanges.named(o.get("name")))
                        : orgs.createRoot(o.get("name"));
                out.println(org.id());
            }
            case "keys list" -> {
                for (ApiKey key : keys.list(OPERATOR, o.get("org"), o.containsKey("include-revoked"))) {
                    out.printf("%s\t%s…\t%s\torg=%s\tscopes=%s\trequests=%d\tlast_used=%s%s%n", key.id(), key.prefix(),
                            key.name(), key.organizationId(), String.join(",", key.scopes()), key.requestCount(),
                            key.lastUsedAt(), key.revokedAt() != null ? "\trevoked=" + key.revokedAt() : "");
                }
            }
            case "keys create" -> {
                if (!o.containsKey("org") || !o.containsKey("name")) return usage(err, "--org and --name are required");
                List<String> scopes = Arrays.asList(o.getOrDefault("scopes", "read,write").split(","));
                for (String scope : scopes) {
                    if (!List.of("read", "write", "admin").contains(scope)) return usage(err, "unknown scope " + scope);
                }
                Integer limit = o.containsKey("rate-limit") ? Integer.valueOf(o.get("rate-limit")) : null;
                ApiKey.Created created = keys.create(OPERATOR, o.get("org"), o.get("name"), scopes, limit);
                err.println("Key " + created.apiKey().id() + " created; it is shown only this once:");
                out.println(created.key());
            }
            case "keys set-limit" -> {
                if (positional.size() != 2) return usage(err, "name a key id and a limit (or default)");
                Integer limit = positional.get(1).equals("default") ? null : Integer.valueOf(positional.get(1));
                if (limit != null && limit < 1) return usage(err, "a rate limit is at least 1 request an hour");
                ApiKey key = keys.update(OPERATOR, positional.getFirst(), new ApiKeyService.KeyChanges(Change.keep(), Change.to(limit)));
                out.println(key.id() + "\trate_limit_per_hour=" + (limit == null ? "default" : limit));
            }
            case "keys revoke" -> {
                if (positional.size() != 1) return usage(err, "name exactly one key id");
                out.println("revoked " + keys.revoke(OPERATOR, positional.getFirst()).id());
            }
            default -> {
                return usage(err, "unknown command " + command);
            }
        }
        return 0;
    }

    /** Auth Tokens of the advocacy API: the account id is the organization id. */
    private static int tokens(String command, Map<String, String> o, List<String> positional, AuthTokenService tokens,
                              PrintStream out, PrintStream err) {
        switch (command) {
            case "list" -> {
                for (AuthToken t : tokens.list(OPERATOR, o.get("org"), o.containsKey("include-revoked"))) {
                    out.printf("%s\t%s…\t%s\taccount=%s\trequests=%d\tlast_used=%s%s%n", t.id(), t.prefix(), t.name(),
                            t.accountId(), t.requestCount(), t.lastUsedAt(),
                            t.revokedAt() != null ? "\trevoked=" + t.revokedAt() : "");
                }
            }
            case "create" -> {
                if (!o.containsKey("org") || !o.containsKey("name")) return usage(err, "--org and --name are required");
                AuthToken.Created created = tokens.create(OPERATOR, o.get("org"), o.get("name"));
                err.println("Auth Token " + created.token().id() + " for account " + created.token().accountId()
                        + " created; it is shown only this once:");
                out.println(created.secret());
            }
            case "revoke" -> {
                if (positional.size() != 1) return usage(err, "name exactly one token id");
                out.println("revoked " + tokens.revoke(OPERATOR, positional.getFirst()).id());
            }
            default -> {
                return usage(err, "unknown command tokens " + command);
            }
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("civicast admin: " + problem);
        err.print(USAGE);
        return 2;
    }

    private AdminCli() {}
}
