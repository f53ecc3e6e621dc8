// fs.ts — the file system the way AssemblyScript programs reach it: as-wasi's FileSystem
// and Descriptor (raw WASI calls with the rights those classes ask for) on the
// preopened directory fd 3, stdout through the wasi-shim's console. Every line of output
// is checked (tests/assemblyscript/expected/fs.out). as-wasi 0.6 passes path_filestat_get
// and fd_filestat_get a 56-byte buffer (the old wasi_unstable filestat; preview 1's is 64
// bytes) and reads it at the old offsets: its exists, stat, lstat and Descriptor.stat
// overrun the heap under any runtime (node:wasi too), so they are not used here.
import { Console, FileSystem, Descriptor } from "as-wasi/assembly";

function say(what: string, v: bool): void {
  Console.log(what + ": " + (v ? "yes" : "no"));
}

function listing(path: string): string {
  let names = FileSystem.readdir(path);
  if (names === null) return "(cannot list)";
  let n = names;
  n.sort((a: string, b: string): i32 => (a < b ? -1 : a > b ? 1 : 0));
  return n.join(" ");
}

function main(): void {
  say("mkdir d", FileSystem.mkdir("d"));
  say("mkdir d again", FileSystem.mkdir("d"));

  // "w+": create, write, read back
  let f = FileSystem.open("d/hello.txt", "w+")!;
  f.writeString("hello from AssemblyScript", true);
  f.writeStringLn("second line");
  say("seek 0", f.seek(0, 0));
  Console.log("read: " + f.readString()!.replace("\n", "|").replace("\n", "|"));
  Console.log("tell: " + f.tell().toString());
  say("advise", f.advise(0, 10, 2));
  say("allocate", f.allocate(0, 100));
  say("ftruncate 5", f.ftruncate(5));
  say("seek 0", f.seek(0, 0));
  Console.log("after ftruncate: " + f.readString()!);
  say("fdatasync", f.fdatasync());
  say("fsync", f.fsync());
  say("futimes", f.futimes(1000000000.0, 2000000000.0));
  Console.log("file type: " + f.fileType().toString());
  f.close();

  // "r": read-only, the write is refused
  let r = FileSystem.open("d/hello.txt", "r")!;
  Console.log("read-only read: " + r.readString()!);
  r.close();
  say("open missing for reading", FileSystem.open("d/none", "r") !== null);
  say("open a directory as a file (w)", FileSystem.open("d", "w") !== null);
  let dir = FileSystem.open("d", "r");
  say("open a directory (r)", dir !== null);
  if (dir !== null) {
    Console.log("its type: " + dir.fileType().toString());
    dir.close();
  }
  say("wx on an existing file", FileSystem.open("d/hello.txt", "wx") !== null);

  // rename, links, stat
  say("rename", FileSystem.rename("d/hello.txt", "d/moved.txt"));
  say("link", FileSystem.link("d/moved.txt", "d/hard.txt"));
  let hard = FileSystem.open("d/hard.txt", "r")!;
  Console.log("through the link: " + hard.readString()!);
  hard.close();
  say("symlink", FileSystem.symlink("moved.txt", "d/sym"));
  let viaSym = FileSystem.open("d/sym", "r")!;
  Console.log("through sym: type " + viaSym.fileType().toString() + ", " + viaSym.readString()!);
  viaSym.close();
  Console.log("readdir d: " + listing("d"));
  say("symlink leading out", FileSystem.symlink("/etc/passwd", "d/out"));
  say("open ../ (outside)", FileSystem.open("../x", "r") !== null);

  // cleanup
  say("rmdir non-empty", FileSystem.rmdir("d"));
  say("unlink sym", FileSystem.unlink("d/sym"));
  say("unlink hard", FileSystem.unlink("d/hard.txt"));
  say("unlink moved", FileSystem.unlink("d/moved.txt"));
  say("unlink a directory", FileSystem.unlink("d"));
  say("rmdir", FileSystem.rmdir("d"));
  Console.log("readdir .: " + listing("."));
}

main();
