import { InvalidArgumentError } from 'commander';
import { exitCodeOf, Interrupted, RunFailure, UsageError } from '../../src/lsf/errors';

describe('exitCodeOf', () => {
  test.each([
    ['a UsageError', new UsageError('--cold must be a whole number'), 2],
    ['a RunFailure', new RunFailure('rust: handler-error'), 1],
    ['Interrupted', new Interrupted(), 130],
  ])('%s exits %d', (_, error, code) => {
    expect(exitCodeOf(error)).toBe(code);
  });

  test('a subclass keeps its family\'s code', () => {
    class ParityLike extends RunFailure {}
    class MissingToolchain extends UsageError {}
    expect(exitCodeOf(new ParityLike('rust: 1 of 3 cases differ'))).toBe(1);
    expect(exitCodeOf(new MissingToolchain('cargo not found'))).toBe(2);
  });

  test.each([
    ['a plain Error', new Error('bug')],
    ['a TypeError', new TypeError('x is undefined')],
    ['commander\'s own error (commander picks its exit code)', new InvalidArgumentError('bad')],
    ['an Error named like ours but not one of ours', Object.assign(new Error('x'), { name: 'UsageError' })],
    ['a thrown string', 'UsageError'],
    ['undefined', undefined],
  ])('%s has no exit code: it is a bug, reported as one', (_, error) => {
    expect(exitCodeOf(error)).toBeUndefined();
  });
});

describe('the errors themselves', () => {
  test('carry their name and message, for the entry point\'s "lsf <command>: <message>"', () => {
    expect(new UsageError('no cases')).toMatchObject({ name: 'UsageError', message: 'no cases' });
    expect(new RunFailure('answers differ')).toMatchObject({ name: 'RunFailure', message: 'answers differ' });
    expect(new Interrupted()).toMatchObject({ name: 'Interrupted', message: 'interrupted; the configuration was restored.' });
    expect(new UsageError('x')).toBeInstanceOf(Error);
  });
});
