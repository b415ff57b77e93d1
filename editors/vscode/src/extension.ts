// The VS Code face of factcheck: starts `factcheck lsp`, keeps its settings in sync, shows
// its status, and offers the server's commands. Everything that decides what a finding is
// lives in the server; this file only wires VS Code to it.

import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  StaticFeature,
  DynamicFeature,
} from 'vscode-languageclient/node';

import { findServer } from './serverPath';
import { coversLanguages, documentLanguages, mapSettings, SettingReader } from './settings';
import { parseSources, sourceItems, sourcesText } from './sources';
import { STARTING, STOPPED, StatusParams, statusView, StatusView } from './status';

const SECTION = 'factcheck';

/**
 * Two built-in features of vscode-languageclient are left out:
 * - executeCommand: it registers a VS Code command for every command the server lists.
 *   Ours have the same names (factcheck.reloadCorpus, ...) but need arguments filled in from
 *   the editor and their answers shown, so this extension registers them and sends the
 *   requests itself.
 * - pull diagnostics: the server pushes diagnostics for every document (open drafts and
 *   "check workspace" alike) and answers pulls as well when the client offers them; VS Code
 *   keeps pulled and pushed diagnostics apart, so each finding would show twice. Without
 *   the feature the client does not offer pulls and the server only pushes.
 */
const LEFT_OUT = new Set<string>([ExecuteCommandRequest.type.method, DocumentDiagnosticRequest.type.method]);

class FactcheckClient extends LanguageClient {
  public registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    const method = (feature as Partial<DynamicFeature<unknown>>).registrationType?.method;
    if (method !== undefined && LEFT_OUT.has(method)) {
      return;
    }
    super.registerFeature(feature);
  }
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function settingReader(): SettingReader {
  const config = vscode.workspace.getConfiguration(SECTION);
  return (key: string) => {
    const i = config.inspect(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
}

class Extension implements vscode.Disposable {
  private client: FactcheckClient | undefined;
  private languages: string[] = [];
  private readonly output = vscode.window.createOutputChannel('factcheck', { log: true });
  private readonly status = vscode.window.createStatusBarItem(
    'factcheck.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = 'factcheck';
    this.disposables.push(this.output, this.status);
  }

  register(): void {
    const cmd = (id: string, fn: () => Promise<void>) =>
      this.disposables.push(
        vscode.commands.registerCommand(id, () =>
          fn().catch((e) => this.reportError(`${id} failed`, e)),
        ),
      );
    cmd('factcheck.reloadCorpus', () => this.reloadCorpus());
    cmd('factcheck.checkWorkspace', () => this.checkWorkspace());
    cmd('factcheck.showSources', () => this.showSources());
    cmd('factcheck.restartServer', () => this.restart());
    cmd('factcheck.showOutput', async () => this.output.show(true));
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) {
          this.configurationChanged(e).catch((err) =>
            this.reportError('Applying the factcheck settings failed', err),
          );
        }
      }),
    );
  }

  private show(view: StatusView, command: string): void {
    this.status.text = view.text;
    this.status.tooltip = view.tooltip;
    this.status.command = command;
    this.status.backgroundColor =
      view.tone === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
  }

  async start(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const found = findServer({
      configured: vscode.workspace.getConfiguration(SECTION).get<string>('server.path'),
      workspaceFolder: folder,
      extensionPath: this.context.extensionPath,
      envPath: process.env.PATH ?? '',
      platform: process.platform,
      homeDir: os.homedir(),
      isExecutable,
    });
    if (found.kind === 'missing') {
      this.show({ ...STOPPED, tooltip: found.message }, 'factcheck.restartServer');
      this.output.appendLine(found.message);
      void this.offerInstallHelp(found.message);
      return;
    }
    this.output.appendLine(`Starting ${found.command} lsp (found via ${found.source})`);
    this.show(STARTING, 'factcheck.showOutput');

    const read = settingReader();
    const mapped = mapSettings(read);
    this.warnAbout(mapped.problems);
    this.languages = documentLanguages(read);

    const serverOptions: ServerOptions = {
      run: { command: found.command, args: ['lsp'] },
      debug: { command: found.command, args: ['lsp'] },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      initializationOptions: mapped.settings,
      outputChannel: this.output,
      middleware: {
        workspace: {
          // Answer the server's workspace/configuration pulls with the same mapped object
          // that initializationOptions and didChangeConfiguration carry.
          configuration: (params, token, next) => {
            const answers = params.items.map((item) =>
              item.section === SECTION || item.section === undefined
                ? mapSettings(settingReader()).settings[SECTION]
                : undefined,
            );
            if (answers.every((a) => a !== undefined)) {
              return answers;
            }
            return next(params, token);
          },
        },
      },
    };
    const client = new FactcheckClient('factcheck', 'factcheck', serverOptions, clientOptions);
    this.client = client;
    client.onNotification('factcheck/status', (params: StatusParams) => {
      this.show(statusView(params), params.state === 'error' ? 'factcheck.showOutput' : 'factcheck.reloadCorpus');
      if (params.state === 'error' && params.message) {
        this.output.appendLine(`error: ${params.message}`);
      }
    });
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped && this.client === client) {
        this.show(STOPPED, 'factcheck.restartServer');
      }
    });
    try {
      await client.start();
    } catch (e) {
      this.show(STOPPED, 'factcheck.restartServer');
      this.reportError(`The factcheck server (${found.command}) did not start`, e);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      await client.stop().catch(() => undefined);
    }
  }

  private async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    const read = settingReader();
    if (
      e.affectsConfiguration(`${SECTION}.server.path`) ||
      !this.client ||
      !coversLanguages(this.languages, documentLanguages(read))
    ) {
      // A new binary, or documents of a language the client does not yet send: only a new
      // client can do that.
      await this.restart();
      return;
    }
    const mapped = mapSettings(read);
    this.warnAbout(mapped.problems);
    await this.client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: mapped.settings,
    });
  }

  private runningClient(): FactcheckClient {
    if (!this.client || !this.client.isRunning()) {
      throw new Error('the factcheck server is not running (see the factcheck output)');
    }
    return this.client;
  }

  private execute(command: string, args: unknown[] = []): Promise<unknown> {
    return this.runningClient().sendRequest(ExecuteCommandRequest.type, {
      command,
      arguments: args,
    });
  }

  private async reloadCorpus(): Promise<void> {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'factcheck: reloading sources' },
      () => this.execute('factcheck.reloadCorpus'),
    );
  }

  private async checkWorkspace(): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'factcheck: checking the workspace' },
      () => this.execute('factcheck.checkWorkspace'),
    );
    const r = (result ?? {}) as { files?: unknown; findings?: unknown };
    if (typeof r.files === 'number' && typeof r.findings === 'number') {
      void vscode.window.showInformationMessage(
        `factcheck checked ${r.files} file(s): ${r.findings} finding(s).`,
      );
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private async showSources(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('factcheck: open a draft and put the cursor in a sentence.');
      return;
    }
    const client = this.runningClient();
    const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
    const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
    const refs = parseSources(await this.execute('factcheck.showSources', [uri, position]));
    const where = `${vscode.workspace.asRelativePath(editor.document.uri)}:${editor.selection.active.line + 1}`;
    this.output.appendLine(sourcesText(where, refs));
    if (refs.length === 0) {
      void vscode.window.showInformationMessage(`factcheck: no source supports the sentence at ${where}.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(sourceItems(refs), {
      title: `Sources for the sentence at ${where}`,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked?.uri) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.uri));
      const line = Math.min(picked.line, Math.max(doc.lineCount - 1, 0));
      await vscode.window.showTextDocument(doc, {
        selection: new vscode.Range(line, 0, line, 0),
        preview: true,
      });
    }
  }

  private async offerInstallHelp(message: string): Promise<void> {
    const install = 'How to install';
    const settings = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(message, install, settings);
    if (choice === install) {
      const homepage = (this.context.extension.packageJSON as { homepage?: string }).homepage;
      if (homepage) {
        await vscode.env.openExternal(vscode.Uri.parse(`${homepage}#in-your-editor`));
      } else {
        // The shipped README carries the same install steps as the project's README; vsce
        // stores it as readme.md, a source checkout has README.md.
        const readme = ['readme.md', 'README.md']
          .map((name) => vscode.Uri.joinPath(this.context.extensionUri, name))
          .find((uri) => fs.existsSync(uri.fsPath));
        if (readme) {
          await vscode.commands.executeCommand('markdown.showPreview', readme);
        }
      }
    } else if (choice === settings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'factcheck.server.path');
    }
  }

  private warnAbout(problems: string[]): void {
    for (const p of problems) {
      this.output.appendLine(`settings: ${p}`);
      void vscode.window.showWarningMessage(p);
    }
  }

  private reportError(what: string, e: unknown): void {
    const detail = e instanceof Error ? e.message : String(e);
    this.output.appendLine(`${what}: ${detail}`);
    void vscode.window.showErrorMessage(`${what}: ${detail}`, 'Show Output').then((c) => {
      if (c) {
        this.output.show(true);
      }
    });
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

let extension: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new Extension(context);
  context.subscriptions.push(extension);
  extension.register();
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
