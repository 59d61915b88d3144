/**
 * Rows of an ES-003 export grouped into entry lines. In ACE's order (entry, then line) a group is complete
 * when the key changes, so memory stays flat; in any other order every group stays open until the end of
 * the file and the groups are then handed over in ACE's order, so each entry's lines arrive together.
 */
import { compareEs003Keys, es003Key, groupToItem, type Es003Index, type Es003Row, type GroupOutcome } from './es003.js';

export class Es003Grouper {
  private readonly open = new Map<string, Es003Row[]>();
  private group: Es003Row[] = [];
  private groupKey: string | undefined;

  constructor(
    private readonly index: Es003Index,
    /** The file is not in ACE's order (see es003Order): hold every group until close(). */
    private readonly holdAll: boolean,
    /** The origin of a line that gives none. */
    private readonly defaultOrigin: string | undefined,
    private readonly emit: (outcome: GroupOutcome) => void,
  ) {}

  /** Adds a row; returns why it was refused when, streaming, it goes back in entry/line order. */
  add(fields: string[], sourceLine: number): string | undefined {
    const key = es003Key(fields, this.index);
    if (this.holdAll) {
      const rows = this.open.get(key);
      if (rows) rows.push({ sourceLine, fields });
      else this.open.set(key, [{ sourceLine, fields }]);
      return undefined;
    }
    if (key !== this.groupKey) {
      if (this.groupKey !== undefined && compareEs003Keys(key, this.groupKey) < 0) {
        const [entry, line] = key.split('\u0000');
        const [lastEntry, lastLine] = this.groupKey.split('\u0000');
        return `entry ${entry} line ${line} comes after entry ${lastEntry} line ${lastLine}: the export is not in entry and line order. Give it as a file rather than on standard input (tariff then groups it in any order), or sort it by entry summary number and line number`;
      }
      if (this.group.length > 0) this.emit(groupToItem(this.group, this.index, this.defaultOrigin));
      this.group = [];
      this.groupKey = key;
    }
    this.group.push({ sourceLine, fields });
    return undefined;
  }

  /** Hands over every group still open (the end of the file). */
  close(): void {
    if (this.group.length > 0) this.emit(groupToItem(this.group, this.index, this.defaultOrigin));
    this.group = [];
    for (const key of [...this.open.keys()].sort(compareEs003Keys)) this.emit(groupToItem(this.open.get(key)!, this.index, this.defaultOrigin));
    this.open.clear();
  }
}
