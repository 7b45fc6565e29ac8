#!/usr/bin/env python3
# Fails when a file under app/ includes a header of a layer above its own, or when two files
# include each other (directly or round a longer cycle). The build enforces the first as well:
# each layer's library exports only its own include directory.
import os
import re
import sys

# Each layer and the layers it may include, besides itself.
ALLOWED = {
    'core': set(),
    'markdown': {'core'},
    'pack': {'markdown', 'core'},
    'publish': {'pack', 'markdown', 'core'},
    'store': {'pack', 'markdown', 'core'},
    'sync': {'store', 'pack', 'markdown', 'core'},
    'ui': {'sync', 'store', 'pack', 'markdown', 'core'},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(app):
    headers = {}   # header file name -> its path relative to app/
    sources = []
    for root, _, files in os.walk(app):
        for name in files:
            if name.endswith(('.c', '.h')):
                rel = os.path.relpath(os.path.join(root, name), app)
                sources.append(rel)
                if name.endswith('.h'):
                    headers[name] = rel
    problems = []
    graph = {}
    for rel in sorted(sources):
        layer = rel.split(os.sep)[0]
        with open(os.path.join(app, rel), encoding='utf-8') as f:
            included = INCLUDE.findall(f.read())
        graph[rel] = []
        for name in included:
            target = headers.get(os.path.basename(name))
            if target is None:
                continue   # config.h, generated resources
            graph[rel].append(target)
            target_layer = target.split(os.sep)[0]
            if layer in ALLOWED and target_layer != layer and target_layer not in ALLOWED[layer]:
                problems.append(f'{rel}: includes {target}, a header of a layer above {layer}/')
    # Include cycles, by depth-first search.
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 'open':
                cycle = stack[stack.index(nxt):] + [nxt]
                problems.append('include cycle: ' + ' → '.join(cycle))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    for p in problems:
        print(p)
    print(f'{len(sources)} files checked, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'app')))
