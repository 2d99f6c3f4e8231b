using System.Net;

namespace FastToken.Samples.Web;

/// <summary>The pages of the sample, each showing one way to carry the token.</summary>
/// <param name="crossSiteApiUrl">The API's https address on the shared parent domain, if any.</param>
/// <param name="crossSiteLoginUrl">The login server's https address on the shared parent domain, if any.</param>
public sealed class Pages(string? crossSiteApiUrl, string? crossSiteLoginUrl)
{
    // Shared by the pages: show a response as "status body" in #result.
    private const string ShowScript = """
        async function show(response, note) {
          const text = await response.text();
          document.getElementById('result').textContent = response.status + ' ' + text + (note ? ' ' + note : '');
          return response;
        }
        function credentials() {
          return {
            username: document.getElementById('username').value,
            password: document.getElementById('password').value,
          };
        }
        """;

    private const string LoginForm = """
        <p><label>User <input id="username" value="alice"></label>
           <label>Password <input id="password" type="password" value="alice-password"></label>
           <button id="login">Sign in</button> <span id="status"></span></p>
        <p><button id="load">Load orders</button> <button id="order">Place an order</button>
           <button id="admin">Admin</button> <button id="logout">Sign out</button></p>
        <pre id="result"></pre>
        """;

    /// <summary>Wraps a page body in the common layout.</summary>
    public static string Layout(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
          body { font-family: sans-serif; max-width: 50em; margin: 2em auto }
          pre { white-space: pre-wrap; background: #f4f4f4; padding: .5em }
        </style>
        </head>
        <body><h1>{{WebUtility.HtmlEncode(title)}}</h1>
        {{body}}
        <p><a href="/">All paths</a></p>
        </body>
        </html>
        """;

    /// <summary>The list of paths.</summary>
    public string Index() => Layout("FastToken transport paths", """
        <ol>
          <li><a href="/header">Header login</a>: the token comes back in the body and is sent as
            <code>Authorization: Bearer</code>.</li>
          <li><a href="/cookie">Cookie login</a>: the token lives in an HttpOnly cookie that the
            browser sends by itself.</li>
          <li><a href="/orders">Server-rendered orders</a>: this server reads the cookie and calls
            the API with the token as a bearer header.</li>
          <li><code>/cross</code> on the https app host: a page on one subdomain calls the API on
            another with a shared SameSite=None cookie.</li>
        </ol>
        """);

    /// <summary>Path 1: the token in the body, kept in sessionStorage, sent as a bearer header.</summary>
    public string HeaderLogin() => Layout("Header login", LoginForm + "<script>" + ShowScript + """
        const store = window.sessionStorage;
        function bearer(init) {
          const headers = Object.assign({}, (init || {}).headers);
          const token = store.getItem('access_token');
          if (token) headers['Authorization'] = 'Bearer ' + token;
          // No cookies: this path carries the token in the header only.
          return Object.assign({}, init, { headers, credentials: 'omit' });
        }
        async function refresh() {
          const response = await fetch('/login/refresh', { method: 'POST' });
          if (!response.ok) return false;
          store.setItem('access_token', (await response.json()).access_token);
          return true;
        }
        async function call(path, init) {
          let response = await fetch(path, bearer(init));
          if (response.status === 401 && store.getItem('access_token') && await refresh()) {
            response = await fetch(path, bearer(init));
            return show(response, '(token refreshed)');
          }
          return show(response);
        }
        document.getElementById('login').onclick = async () => {
          const response = await fetch('/login/token', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials()) });
          if (!response.ok) {
            document.getElementById('status').textContent = 'Sign-in failed (' + response.status + ')';
            return;
          }
          store.setItem('access_token', (await response.json()).access_token);
          document.getElementById('status').textContent = 'Signed in as ' + credentials().username;
        };
        document.getElementById('load').onclick = () => call('/api/orders');
        document.getElementById('admin').onclick = () => call('/api/admin');
        document.getElementById('order').onclick = () => call('/api/orders', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ item: 'Milk' }) });
        document.getElementById('logout').onclick = async () => {
          store.removeItem('access_token');
          await fetch('/login/logout', { method: 'POST' });
          document.getElementById('status').textContent = 'Signed out';
        };
        </script>
        """);

    /// <summary>Path 2: the token in an HttpOnly cookie, sent by the browser on its own.</summary>
    public string CookieLogin() => Layout("Cookie login", LoginForm + """
        <p>What scripts can see of the cookies: <code id="cookies"></code></p>
        <script>
        """ + ShowScript + """
        function showCookies() { document.getElementById('cookies').textContent = JSON.stringify(document.cookie); }
        async function call(path, init) {
          let response = await fetch(path, init);
          if (response.status === 401) {
            const renewed = await fetch('/login/refresh?mode=cookie', { method: 'POST' });
            if (renewed.ok) {
              response = await fetch(path, init);
              return show(response, '(token refreshed)');
            }
          }
          return show(response);
        }
        document.getElementById('login').onclick = async () => {
          const response = await fetch('/login/cookie', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials()) });
          document.getElementById('status').textContent = response.ok
            ? 'Signed in as ' + credentials().username : 'Sign-in failed (' + response.status + ')';
          showCookies();
        };
        document.getElementById('load').onclick = () => call('/api/orders');
        document.getElementById('admin').onclick = () => call('/api/admin');
        document.getElementById('order').onclick = () => call('/api/orders', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ item: 'Milk' }) });
        document.getElementById('logout').onclick = async () => {
          await fetch('/login/logout', { method: 'POST' });
          document.getElementById('status').textContent = 'Signed out';
          showCookies();
        };
        showCookies();
        </script>
        """);

    /// <summary>
    /// Path 4: this page and the API are on different subdomains of one parent domain. The
    /// login server sets a SameSite=None; Secure cookie for the parent domain; the page calls
    /// the API with credentials, and CORS lets exactly this origin read the answers.
    /// </summary>
    public string CrossSite()
    {
        string api = Encode(crossSiteApiUrl);
        string login = Encode(crossSiteLoginUrl);
        return Layout("Cross-site API", LoginForm + $$"""
            <form id="form" method="post" action="{{api}}/api/orders">
              <input name="item" value="Bread"> <button id="submit">Order with a plain form</button>
            </form>
            <script>
            const api = '{{api}}', login = '{{login}}';
            {{ShowScript}}
            const withCookie = init => Object.assign({ credentials: 'include' }, init);
            document.getElementById('login').onclick = async () => {
              const response = await fetch(login + '/login/cookie', withCookie({
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(credentials()),
              }));
              document.getElementById('status').textContent = response.ok
                ? 'Signed in as ' + credentials().username : 'Sign-in failed (' + response.status + ')';
            };
            document.getElementById('load').onclick = async () => show(await fetch(api + '/api/orders', withCookie()));
            document.getElementById('admin').onclick = async () => show(await fetch(api + '/api/admin', withCookie()));
            document.getElementById('order').onclick = async () => show(await fetch(api + '/api/orders', withCookie({
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ item: 'Milk' }),
            })));
            document.getElementById('logout').onclick = async () => {
              await fetch(login + '/login/logout', withCookie({ method: 'POST' }));
              document.getElementById('status').textContent = 'Signed out';
            };
            </script>
            """);
    }

    /// <summary>
    /// What an attacker's page on another site does: a plain form that posts to the API, so the
    /// browser attaches the SameSite=None cookie. The API's CSRF defence refuses it.
    /// </summary>
    public string Attacker() => Layout("Win a prize!", $$"""
        <form id="form" method="post" action="{{Encode(crossSiteApiUrl)}}/api/orders">
          <input type="hidden" name="item" value="100 kg of gold, charged to you">
          <button id="submit">Claim your prize</button>
        </form>
        """);

    private static string Encode(string? url) => WebUtility.HtmlEncode(url ?? string.Empty);
}
