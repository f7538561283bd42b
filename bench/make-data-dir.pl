#!/usr/bin/perl
# Generates a node-like data directory for the backup benchmark: large append-only files, thousands of
# mid-size and small files in nested directories, a validator key, and some symlinks (to files and
# directories, relative and absolute, one dangling). Contents are pseudo-random, so nothing is sparse.
# Usage: make-data-dir.pl DIR SCALE   (SCALE 1 = about 1.03 GiB in about 5,100 files)
use strict;
use warnings;
use File::Path qw(make_path);

my ($dir, $scale) = @ARGV;
die "usage: $0 DIR SCALE\n" unless defined $dir && defined $scale && $scale > 0;
srand(42);
my $block = join '', map { chr(int(rand(256))) } 1 .. (1 << 20);

sub write_file {
    my ($path, $size) = @_;
    open my $fh, '>:raw', $path or die "$path: $!\n";
    my $offset = int(rand(1 << 19));
    my $left = $size;
    while ($left > 0) {
        my $n = $left < (1 << 19) ? $left : (1 << 19);
        print {$fh} substr($block, $offset, $n) or die "$path: $!\n";
        $left -= $n;
        $offset = ($offset + 4099) % (1 << 19);
    }
    close $fh or die "$path: $!\n";
}

my ($files, $bytes) = (0, 0);
sub add { my ($path, $size) = @_; write_file($path, $size); $files++; $bytes += $size; }

make_path("$dir/chaindata/ancient", "$dir/keystore", "$dir/nodes");
for my $i (1 .. int(4 * $scale + 0.5) || 1) {              # freezer tables: 4 x 128 MiB
    add(sprintf("%s/chaindata/ancient/bodies.%04d.cdat", $dir, $i), 128 << 20);
}
for my $i (1 .. int(2100 * $scale) || 1) {                 # LevelDB tables: 2,100 x 64..448 KiB
    add(sprintf("%s/chaindata/%06d.ldb", $dir, $i), (64 + 64 * ($i % 7)) << 10);
}
for my $d (1 .. 30) {                                      # small files: 3,000 x 0.5..8 KiB in 30 dirs
    make_path("$dir/nodes/$d");
    for my $i (1 .. int(100 * $scale) || 1) {
        add("$dir/nodes/$d/$i.rec", 512 * (1 + ($i * 7 + $d) % 16));
    }
}
add("$dir/nodekey", 64);
add("$dir/LOCK", 0);
add("$dir/keystore/UTC--validator", 491);
symlink("chaindata/ancient", "$dir/ancient-link") or die $!;
symlink("../nodekey", "$dir/keystore/nodekey-link") or die $!;
symlink("/dev/null", "$dir/null-link") or die $!;
symlink("does-not-exist", "$dir/dangling-link") or die $!;
for my $i (1 .. 16) {
    symlink(sprintf("%06d.ldb", $i), sprintf("%s/chaindata/link-%02d", $dir, $i)) or die $!;
}
printf "%d files, %.1f MiB, 20 symlinks\n", $files, $bytes / (1 << 20);
