"""networkx graph algorithms: shortest paths, flows, components, centrality, isomorphism, I/O."""
import io

import networkx as nx

G = nx.Graph()
G.add_weighted_edges_from([("a", "b", 4), ("a", "c", 2), ("b", "c", 1), ("b", "d", 5), ("c", "d", 8),
                           ("c", "e", 10), ("d", "e", 2), ("d", "f", 6), ("e", "f", 3)])
print("dijkstra:", nx.dijkstra_path(G, "a", "f"), nx.dijkstra_path_length(G, "a", "f"))
print("mst:", sorted(tuple(sorted(e)) for e in nx.minimum_spanning_edges(G, data=False)))
print("betweenness:", {k: round(v, 4) for k, v in sorted(nx.betweenness_centrality(G).items())})
print("pagerank:", {k: round(v, 4) for k, v in sorted(nx.pagerank(G, alpha=0.9).items())})
D = nx.DiGraph()
D.add_edges_from([("s", "x", {"capacity": 3}), ("s", "y", {"capacity": 2}), ("x", "y", {"capacity": 1}),
                  ("x", "t", {"capacity": 2}), ("y", "t", {"capacity": 3})])
print("maxflow:", nx.maximum_flow_value(D, "s", "t"))
print("topo:", list(nx.topological_sort(D)))
K = nx.karate_club_graph()
print("karate:", K.number_of_nodes(), K.number_of_edges(), round(nx.average_clustering(K), 6))
print("components:", [sorted(c) for c in nx.connected_components(nx.Graph([(1, 2), (3, 4), (4, 5)]))])
print("isomorphic:", nx.is_isomorphic(nx.cycle_graph(5), nx.Graph([(0, 2), (2, 4), (4, 1), (1, 3), (3, 0)])))
print("coloring:", nx.coloring.greedy_color(nx.petersen_graph(), strategy="largest_first"))
buf = io.BytesIO()
nx.write_graphml(G, buf)
print("graphml roundtrip:", sorted(nx.read_graphml(io.BytesIO(buf.getvalue())).edges()) == sorted(G.edges()))
print(list(nx.generate_edgelist(nx.path_graph(4), data=False)))
