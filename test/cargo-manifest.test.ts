import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from './fixtures';
import { readCargoProject } from '../src/private/build/cargo-manifest';

function tempCrate(files: { [name: string]: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-crate-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('readCargoProject', () => {
  test('a package with src/main.rs has one binary named after the package', () => {
    const project = readCargoProject(FIXTURES.hello);
    expect(project).toEqual({
      manifestFile: path.join(FIXTURES.hello, 'Cargo.toml'),
      projectRoot: FIXTURES.hello,
      isWorkspace: false,
      binaries: ['hello-lambda'],
      profiles: { manifestFile: path.join(FIXTURES.hello, 'Cargo.toml'), names: ['dev', 'release', 'test', 'bench'] },
    });
  });

  test('accepts the Cargo.toml itself', () => {
    expect(readCargoProject(path.join(FIXTURES.hello, 'Cargo.toml')).binaries).toEqual(['hello-lambda']);
  });

  test('discovers src/bin/*.rs binaries', () => {
    expect(readCargoProject(FIXTURES.multiBin).binaries).toEqual(['notify', 'validate']);
  });

  test('expands workspace member globs', () => {
    const project = readCargoProject(FIXTURES.workspace);
    expect(project.isWorkspace).toBe(true);
    expect(project.binaries).toEqual(['signup-api', 'signup-notify']);
  });

  test('reads [[bin]] targets, src/bin/<dir>/main.rs and honours autobins = false', () => {
    const dir = tempCrate({
      'Cargo.toml': '[package]\nname = "pkg"\nversion = "0.1.0"\n\n[[bin]]\nname = "explicit"\npath = "tools/explicit.rs"\n',
      'src/main.rs': 'fn main() {}',
      'src/bin/folder/main.rs': 'fn main() {}',
    });
    expect(readCargoProject(dir).binaries).toEqual(['explicit', 'folder', 'pkg']);
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "pkg"\nversion = "0.1.0"\nautobins = false\n\n[[bin]]\nname = "explicit"\n');
    expect(readCargoProject(dir).binaries).toEqual(['explicit']);
  });

  test('honours workspace exclude', () => {
    const dir = tempCrate({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/old"]\n',
      'crates/new/Cargo.toml': '[package]\nname = "new"\nversion = "0.1.0"\n',
      'crates/new/src/main.rs': 'fn main() {}',
      'crates/old/Cargo.toml': '[package]\nname = "old"\nversion = "0.1.0"\n',
      'crates/old/src/main.rs': 'fn main() {}',
    });
    expect(readCargoProject(dir).binaries).toEqual(['new']);
  });

  test.each([
    ['a missing path', () => '/nonexistent/rust', /'\/nonexistent\/rust' does not exist/],
    ['a folder without Cargo.toml', () => tempCrate({ 'README.md': '' }), /holds no Cargo\.toml/],
    ['a file that is not Cargo.toml', () => path.join(tempCrate({ 'main.rs': '' }), 'main.rs'), /is neither a Cargo\.toml file nor a folder holding one/],
    ['an unreadable Cargo.toml', () => tempCrate({ 'Cargo.toml/keep': '' }), /Cargo\.toml' cannot be read \(EISDIR/],
    ['invalid TOML', () => tempCrate({ 'Cargo.toml': '[package\nname=' }), /is not valid TOML/],
    ['a table defined twice, at its line', () => tempCrate({ 'Cargo.toml': '[package]\nname = "a"\n[package]\n' }),
      /Cargo\.toml:3:2 is not valid TOML: trying to redefine an already defined table or value/],
  ])('rejects %s', (_, dir, message) => {
    expect(() => readCargoProject(dir())).toThrow(message);
  });
});

describe('profiles', () => {
  test('a package\'s own [profile.*] tables, after Cargo\'s built-in ones, each once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-profiles-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {}\n');
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "p"\nversion = "0.1.0"\n[profile.release]\nlto = true\n[profile.lambda-small]\ninherits = "release"\n');
    expect(readCargoProject(dir).profiles.names).toEqual(['dev', 'release', 'test', 'bench', 'lambda-small']);
  });
});
